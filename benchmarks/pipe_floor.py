"""The floor of any exporter written in Python with numpy: start the interpreter, start
ffmpeg (Kadr's MP4 command), import numpy, then pipe pictures already made (yuv420p read
from a file, no drawing at all) and wait for ffmpeg. Whatever Kadr's ``kadr export``
adds beyond this is its own reading, drawing and converting (issue 19's CLI ratio).

    python benchmarks/pipe_floor.py PICTURES.yuv WIDTH HEIGHT -- FFMPEG ARGS...
"""

import os
import subprocess
import sys

raw, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as kadr export sets it
proc = subprocess.Popen(sys.argv[sys.argv.index("--") + 1:], stdin=subprocess.PIPE)
import numpy  # noqa: E402, F401 - every exporter of pictures in Python needs it; timed

size = width * height * 3 // 2
with open(raw, "rb") as pictures:
    assert proc.stdin is not None
    while picture := pictures.read(size):
        proc.stdin.write(picture)
proc.stdin.close()
code = proc.wait()
sys.stdout.flush()
os._exit(code)  # as kadr export ends: no interpreter teardown
