#!/bin/sh
# /usr/bin/village-archive: no arguments open the app; with arguments it runs the same commands as main.py.
exec /opt/village-archive/village-archive "$@"
