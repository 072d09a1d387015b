/* module_state.h - the process-wide state of psycopg2._psycopg.
 *
 * The module uses static types (one consistent choice for every type), so
 * its state is one C struct filled by the module's exec function and never
 * freed: the module cannot be loaded twice in one process (it refuses).
 * Hot paths read exception classes and registries from here directly.
 */
#ifndef PSYCOPG_MODULE_STATE_H
#define PSYCOPG_MODULE_STATE_H 1

typedef struct {
    /* DB-API exception classes (strong references). */
    PyObject *Error;
    PyObject *Warning;
    PyObject *InterfaceError;
    PyObject *DatabaseError;
    PyObject *DataError;
    PyObject *OperationalError;
    PyObject *IntegrityError;
    PyObject *InternalError;
    PyObject *ProgrammingError;
    PyObject *NotSupportedError;
    PyObject *QueryCanceledError;
    PyObject *TransactionRollbackError;

    /* str SQLSTATE -> exception class of psycopg2.errors (one per code). */
    PyObject *sqlstate_errors;

    /* Typecaster registries: int OID -> typecaster object. */
    PyObject *string_types;
    PyObject *binary_types;
    /* The caster used for OIDs found in no registry (returns str). */
    typecastObject *default_cast;

    /* Adapter registry: (type, protocol) -> adapter callable. */
    PyObject *adapters;
    /* The ISQLQuote protocol type. */
    PyObject *ISQLQuote;

    /* Cached objects used on hot paths (strong references). */
    PyObject *decimal_type;   /* decimal.Decimal */
    PyObject *json_loads;     /* json.loads: use psyco_json_loads() */
    PyObject *timezone_type;  /* datetime.timezone: the default tzinfo_factory */

    /* Green mode: called with the connection instead of blocking (NULL:
     * off). Set by extensions.set_wait_callback(). */
    PyObject *wait_callback;
    /* The thread that can run Python's signal handlers (Ctrl-C checks). */
    unsigned long main_thread;
} psyco_state_t;

extern psyco_state_t psyco_state;

/* json.loads, imported on first use (borrowed; NULL with an exception). */
PyObject *psyco_json_loads(void);

#endif /* PSYCOPG_MODULE_STATE_H */
