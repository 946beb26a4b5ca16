"""A resident studypack process, so that a `studypack build` started from the shell skips
the imports that are most of a small build's time (measured in benchmarks/bench_compare.py).

The first `build` or `check` runs as always and, once done, starts a server in the
background (`server`): it imports studypack and what a build uses, then waits on a Unix
socket in a folder only its user can open (`place`). Later commands (`client`, the
program's entry) hand their arguments, working folder, environment and terminal to it;
the server forks a copy of itself that runs the command exactly as the program would, in
the caller's folder, with the caller's environment, umask and streams, and reports its exit
status. Ctrl-C, SIGTERM and SIGHUP are passed on to that copy. The server ends itself after
some idle minutes; it serves one user and one installation (its socket is named by a
signature of the interpreter and of studypack's files, so an upgrade starts a new one).
Whenever anything is not as expected, the command runs in its own process, as before.
`STUDYPACK_RESIDENT=0` turns it off.
"""
