/* replication.h - streaming replication: the ReplicationConnection,
 * ReplicationCursor and ReplicationMessage types.
 *
 * A replication cursor runs START_REPLICATION, after which the connection
 * is in COPY BOTH mode: the server streams XLogData ('w') and keepalive
 * ('k') messages, the client answers with standby status updates ('r',
 * "feedback"). The libpq side of it lives in pqpath_repl.c (see pqpath.h);
 * this header holds the objects.
 */
#ifndef PSYCOPG_REPLICATION_H
#define PSYCOPG_REPLICATION_H 1

#include "psycopg.h"
#include "connection.h"
#include "cursor.h"
#include "pqpath.h"

#include <stdint.h>

/* replication_type values, as psycopg2 (arbitrary but fixed numbers). */
#define REPLICATION_PHYSICAL 12345678
#define REPLICATION_LOGICAL 87654321

typedef struct {
    connectionObject conn;
    long type;               /* REPLICATION_PHYSICAL or REPLICATION_LOGICAL */
} replicationConnectionObject;

/* The fields below `cur` are read and written by pqpath_repl.c under
 * conn->lock while the stream runs; the Python getters read them with the
 * GIL only (plain integer loads: a reader sees an old or a new value). */
struct replicationCursorObject {
    cursorObject cur;

    int started;             /* COPY BOTH running (START_REPLICATION done) */
    int consume_ok;          /* consume_stream() still allowed (see there) */
    int consuming;           /* inside consume_stream() */
    int decode;              /* payloads as str in the connection encoding */
    int64_t interval_us;     /* status_interval: feedback at least this often */

    /* Wall clock, microseconds since the Unix epoch (0: never). */
    int64_t io_time;         /* last data received from the server */
    int64_t feedback_time;   /* last feedback sent */
    /* Monotonic clock of the last feedback sent (0: never): when the next
     * one is due, whatever happens to the wall clock. */
    int64_t feedback_mono;

    /* Positions reported in the feedback; they only move forward. */
    uint64_t write_lsn;
    uint64_t flush_lsn;
    uint64_t apply_lsn;
    uint64_t wal_end;             /* server's WAL end, last message seen */
    uint64_t last_msg_data_start; /* data_start of the last XLogData */
};

typedef struct {
    PyObject_HEAD
    PyObject *cursor;        /* the ReplicationCursor (strong reference) */
    PyObject *payload;       /* bytes, or str with decode=True */
    int data_size;           /* payload size in bytes, as received */
    uint64_t data_start;
    uint64_t wal_end;
    int64_t send_time;       /* microseconds since 2000-01-01 00:00 UTC */
} replicationMessageObject;

extern PyTypeObject replicationConnectionType;
extern PyTypeObject replicationCursorType;
extern PyTypeObject replicationMessageType;

/* Readies the three types and adds them and the REPLICATION_* constants
 * to the module. 0 on success. */
int replication_init(PyObject *module);

/* A new ReplicationMessage (replication_message_type.c); takes no
 * ownership of its arguments. */
PyObject *repl_message_new(PyObject *cursor, PyObject *payload, int size,
                           uint64_t data_start, uint64_t wal_end,
                           int64_t send_time);

/* datetime.fromtimestamp() of a time in microseconds since the Unix
 * epoch, naive local time as psycopg2 shows it. New reference. */
PyObject *repl_datetime_from_us(int64_t us);

/* Microseconds since the Unix epoch / on the monotonic clock. */
int64_t repl_now_us(void);
int64_t repl_mono_us(void);

/* Seconds between the Unix and the PostgreSQL (2000-01-01) epochs. */
#define REPL_PG_EPOCH_OFFSET 946684800LL

#endif /* PSYCOPG_REPLICATION_H */
