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

#ifdef LIBPQ_HAS_PIPELINING
/* Run n queries in libpq's pipeline mode (one round trip), opening a
 * transaction first if needed. The server stops at the first error, which
 * is raised. *rowcount: the sum of the counts, -1 if one had none. */
int pq_execute_pipeline(cursorObject *curs, const char *const *queries, int n,
                        long *rowcount);
#endif

/* Run `query` (GIL released, lock held). Returns the result or NULL when
 * libpq could not produce one (out of memory, connection lost). */
PGresult *pq_exec_locked(connectionObject *conn, const char *query);

/* The BEGIN statement for the connection's session characteristics. */
const char *pq_begin_statement(connectionObject *conn, char *buf, size_t size);

#endif /* PSYCOPG_PQPATH_H */
