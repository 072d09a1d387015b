/* pqpath.h - the libpq boundary: the only code that sends queries and
 * reads their results.
 *
 * GIL and lock contract:
 *   - every pq_* function without a suffix is called WITH the GIL held and
 *     WITHOUT conn->lock; it releases the GIL around libpq calls, takes
 *     conn->lock after releasing it, and returns with the GIL held again
 *     and the lock released;
 *   - pq_*_locked functions are called with the GIL released and conn->lock
 *     held; they must not touch the Python C API.
 *   - On failure pq_* functions return -1 with a DB-API exception set (and
 *     the connection marked broken when libpq reports it lost).
 */
#ifndef PSYCOPG_PQPATH_H
#define PSYCOPG_PQPATH_H 1

#include "psycopg.h"
#include "connection.h"
#include "cursor.h"

/* What a locked section reports back once the GIL is held again. */
typedef struct {
    PGresult *res;      /* result to handle, or NULL */
    char *errmsg;       /* libpq's message when there is no result (malloc) */
    int closed;         /* pgconn was gone when the lock was taken */
    int lost;           /* libpq reports the connection bad */
    int busy;           /* an asynchronous query is still running */
    int interrupts;     /* Ctrl-C seen while waiting (2: gave up) */
    int pyerr;          /* a Python exception is already set */
} pq_outcome;

/* pq_run flags. */
#define PQ_BEGIN 1       /* open a transaction first if one is needed */
#define PQ_KEEP_COPY 2   /* a COPY result is returned, its data left alone */

/* Run `query` and wait for its result, in any mode: blocking (Ctrl-C
 * cancels), or green (through the wait callback). GIL held, lock not
 * held. The outcome goes to pq_fail() or to the caller's own checks. */
void pq_run(connectionObject *conn, const char *query, int flags,
            pq_outcome *out);

/* Raise the exception an outcome stands for; takes its result and
 * message. Returns -1. */
int pq_fail(connectionObject *conn, cursorObject *curs, pq_outcome *out);

/* Wait for the socket (lock held, GIL released); the first Ctrl-C in the
 * main thread cancels the query, a second one gives up. 0 ready, -1 to
 * give up. */
int pq_wait_locked(connectionObject *conn, int for_write);

/* Send out what libpq still buffers, waiting as pq_wait_locked. 0 on
 * success, -1 failed. */
int pq_flush_locked(connectionObject *conn);

/* PQgetResult, waiting as pq_wait_locked; NULL also when waiting failed
 * (then PQstatus or PQerrorMessage tell). */
PGresult *pq_next_result_locked(connectionObject *conn);

/* Of several results, keep what PQexec would return: the last one, but an
 * error stays once seen. Takes res. */
void pq_keep_result(PGresult **kept, PGresult *res);

/* Fill what the GIL-holding side needs (message, lost connection, Ctrl-C
 * count) before the lock is released; also queues notifications. */
void pq_finish_outcome_locked(connectionObject *conn, pq_outcome *out);

/* Ctrl-C was seen (out->interrupts): run Python's SIGINT handler now the
 * lock is released. -1 (out->pyerr set) if it raised. */
int pq_raise_interrupt(connectionObject *conn, pq_outcome *out);

/* Green mode: set conn->async_status (ASYNC_WRITE: flush then gather the
 * results; ASYNC_COPY_OUT: read a COPY row) and let the wait callback
 * wait. 0, or -1 with the connection broken. */
int pq_green_step(connectionObject *conn, int async_status);

/* Run `query` for the cursor, opening a transaction first if the connection
 * is not in autocommit and none is open. The result is stored in the cursor
 * (curs_set_result). 0 on success. */
int pq_execute(cursorObject *curs, const char *query);

/* Run a command whose result is not needed (SET, COMMIT, CLOSE, ...),
 * without opening a transaction. 0 on success. curs may be NULL; it only
 * goes into the exception raised on failure. */
int pq_execute_command(connectionObject *conn, const char *query,
                       cursorObject *curs);

/* Commit / roll back the open transaction, if any. 0 on success. */
int pq_commit(connectionObject *conn);
int pq_abort(connectionObject *conn);

/* Run `sql`, n statements joined by ';', as one simple-protocol query (one
 * round trip; each statement still gets its own result), opening a
 * transaction first if needed. The server runs them in order and stops at
 * the first error, which is raised: that is statement *done. *done: the
 * statements that ran without error; *rowcount: the sum of their counts
 * (-1 if one had none); *last: the result of the last of them (NULL if
 * none), which the caller owns. 0 when all n ran. (pqpath.c, at the end:
 * maintained with cursor_many.c.) */
int pq_execute_batch(cursorObject *curs, const char *sql, int n, int *done,
                     long *rowcount, PGresult **last);

/* connection.poll() for a query sent without waiting (async or green
 * mode), or for input arriving by itself (notifications): one
 * non-blocking step. Returns PSYCO_POLL_* or -1 with an exception; *done
 * is set when this step completed a running query (its results are then
 * waiting in conn->async_result). */
int pq_poll(connectionObject *conn, int *done);

/* Asynchronous mode, after pq_poll reported done: hand the results to the
 * cursor that sent the query, or raise its error. */
int pq_deliver_async(connectionObject *conn);

/* Take the gathered results of the query sent without waiting; -1 with
 * an exception if there are none (connection lost or closed). */
int pq_take_result(connectionObject *conn, PGresult **res);

/* Run `query` and wait for its result (GIL released, lock held): sent
 * with PQsendQuery, gathered as PQexec would (the last result, stopping
 * at a COPY). Ctrl-C in the main thread cancels the query while waiting
 * and is counted in conn->interrupts (see pq_outcome). Returns the result
 * or NULL when libpq could not produce one (out of memory, lost). */
PGresult *pq_exec_locked(connectionObject *conn, const char *query);

/* Open a transaction if the connection needs one (not autocommit, server
 * idle). Returns NULL if all is well; else *failed = 1 and the failed BEGIN
 * result (NULL if libpq produced none). Lock held, GIL released. */
PGresult *pq_begin_if_needed_locked(connectionObject *conn, int *failed);

/* The BEGIN statement for the connection's session characteristics. */
const char *pq_begin_statement(connectionObject *conn, char *buf, size_t size);

/* --- COPY (pqpath_copy.c) ------------------------------------------------
 * The only code calling PQputCopyData / PQputCopyEnd / PQgetCopyData.
 * A COPY is a sequence of steps, each a pq_copy_* function following the
 * contract above (GIL held, lock not held on entry and exit), so that the
 * Python file object is called between steps with the GIL and without
 * the lock:
 *   pq_copy_start   BEGIN if needed, send the statement;
 *   pq_copy_put     send one chunk (copy in), any number of times;
 *   pq_copy_get_rows receive the rows that have arrived (copy out),
 *                   until it returns 0;
 *   pq_copy_end     finish (or abort) the COPY, read the final results.
 * Blocking mode waits inside the _locked primitives (pq_wait_locked:
 * Ctrl-C cancels); green mode goes through the wait callback between
 * attempts (pq_green_step). */

/* What pq_copy_start found. */
#define PQ_COPY_NONE 0   /* not a COPY: the result is stored in the cursor */
#define PQ_COPY_IN 1     /* COPY FROM STDIN: put chunks, then end */
#define PQ_COPY_OUT 2    /* COPY TO STDOUT: get rows, then end */

/* Run `query` for curs (opening a transaction if needed). Returns a
 * PQ_COPY_* value, or -1 with an exception set. */
int pq_copy_start(cursorObject *curs, const char *query);

/* Send len bytes of COPY data. 1 sent; 0 the COPY cannot go on (server
 * error, lost or closed connection): call pq_copy_end to learn why; -1
 * with an exception (Ctrl-C, the wait callback failed). */
int pq_copy_put(cursorObject *curs, const char *data, Py_ssize_t len);

/* Rows of a copy out received together: their bytes one after the other,
 * and where each row ends. */
typedef struct {
    char *data;
    Py_ssize_t len, cap;
    Py_ssize_t *ends;       /* ends[i]: the offset just past row i */
    Py_ssize_t count, count_cap;
    int state;              /* PQ_ROWS_* */
} pq_copy_rows;

#define PQ_ROWS_MORE 0      /* more rows may come */
#define PQ_ROWS_END 1       /* the end of the data came with these rows */
#define PQ_ROWS_FAILED 2    /* libpq failed after these rows */

/* Receive the rows that have arrived (waiting for the first one), up to
 * about PQ_COPY_ROWS_BYTES of them, replacing what `rows` held: returns
 * how many; 0 at the end of the data or when the COPY cannot go on: then
 * call pq_copy_end; -1 with an exception. `rows` starts zeroed and is
 * released with pq_copy_rows_free. */
#define PQ_COPY_ROWS_BYTES (128 * 1024)
Py_ssize_t pq_copy_get_rows(cursorObject *curs, pq_copy_rows *rows);
void pq_copy_rows_free(pq_copy_rows *rows);

/* Finish the COPY: a copy in is ended with PQputCopyEnd(abort_msg) (NULL:
 * success, else the server rolls the COPY back), the rest of a copy out is
 * read and thrown away. Sets curs->rowcount from the final result.
 * 0 on success, -1 with an exception set. */
int pq_copy_end(cursorObject *curs, const char *abort_msg);

/* standard_conforming_strings is on now (how to quote COPY options). */
int pq_standard_strings(connectionObject *conn);


/* --- Streaming replication (pqpath_repl.c) ---------------------------
 * The COPY BOTH protocol of a ReplicationCursor (replication.h), same
 * contract as above; its _locked helpers are private to pqpath_repl.c. */
typedef struct replicationCursorObject replicationCursorObject;

/* Run `command` (START_REPLICATION ...) for the cursor. 1 once the stream
 * runs (COPY BOTH), 0 if the command ran but started no stream, -1 with an
 * exception. */
int pq_start_replication(replicationCursorObject *repl, const char *command);

/* Next XLogData message without blocking: a new ReplicationMessage, None if
 * no whole message has arrived (or the stream ended: repl->started is then
 * 0), NULL with an exception. Answers keepalives and sends the feedback
 * when status_interval has passed. */
PyObject *pq_read_replication_message(replicationCursorObject *repl);

/* Send a standby status update now; reply: ask the server to answer. */
int pq_send_replication_feedback(replicationCursorObject *repl, int reply);

/* Wait up to timeout_us for the socket to be readable, GIL released and
 * conn->lock not held. 0 (readable or timed out), -1 with an exception
 * (a signal handler raised, the socket failed). */
int pq_wait_replication(replicationCursorObject *repl, int64_t timeout_us);

#endif /* PSYCOPG_PQPATH_H */
