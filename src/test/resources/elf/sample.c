/* The source of the bad files' base object (see bad/make-bad-files.sh). */
int counter = 3;
__thread int tls_var;
extern int ext_fn(int);
__attribute__((weak)) int weak_fn(void) { return 1; }
int fn(int x) { return ext_fn(x) + counter + tls_var; }
