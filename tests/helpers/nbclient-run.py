"""Runs one notebook with nbclient, as nbmake, papermill and nbgrader do (no allow_errors: the
first error ends the run, like JupyterLab's Run All), and prints what each code cell showed as
JSON: {"stopped_at": index or null, "error": text, "cells": [{index, execution_count, stdout, stderr}]}.

usage: python nbclient-run.py NOTEBOOK [CELL_TIMEOUT_SECONDS]
"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path = sys.argv[1]
timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 120
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, timeout=timeout, startup_timeout=120, kernel_name="tslab", resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
stopped_at, error = None, ""
try:
    client.execute()
except CellExecutionError as err:
    error = str(err)[:2000]
    stopped_at = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(o.get("output_type") == "error" or o.get("name") == "stderr" for o in c.get("outputs", []))), None)


def stream(cell, name):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == name)


cells = [
    {"index": i, "execution_count": c.get("execution_count"), "stdout": stream(c, "stdout"), "stderr": stream(c, "stderr")}
    for i, c in enumerate(nb.cells)
    if c.cell_type == "code" and c.source.strip() != ""
]
print(json.dumps({"stopped_at": stopped_at, "error": error, "cells": cells}))
