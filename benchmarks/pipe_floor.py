"""The floor of any exporter written in Python with numpy: start the interpreter, start
ffmpeg (Kadr's MP4 command), import numpy, then pipe pictures already made (yuv420p read
from a file, no drawing at all) and wait for ffmpeg. Whatever Kadr's ``kadr export``
adds beyond this is its own reading, drawing and converting (issue 19's CLI ratio).

With ``--draw FILM.kadr`` the pictures are Kadr's own, read, drawn and converted by the
very code ``kadr export`` runs (export/film_file.py, frames.Pictures, export/yuv.py), but
with ffmpeg started before any of it is imported and nothing else done (no settings, no
languages, no options, no staging): the best ``kadr export`` could do with its drawing
as it is.

    python benchmarks/pipe_floor.py PICTURES.yuv WIDTH HEIGHT -- FFMPEG ARGS...
    python benchmarks/pipe_floor.py --draw FILM.kadr WIDTH HEIGHT -- FFMPEG ARGS...
"""

import os
import subprocess
import sys

draw = sys.argv[1] == "--draw"
args = sys.argv[2:] if draw else sys.argv[1:]
source, width, height = args[0], int(args[1]), int(args[2])
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as kadr export sets it
proc = subprocess.Popen(sys.argv[sys.argv.index("--") + 1:], stdin=subprocess.PIPE)
import numpy  # noqa: E402, F401 - every exporter of pictures in Python needs it; timed

assert proc.stdin is not None
if draw:
    from pathlib import Path

    from kadr.export.film_file import read_film
    from kadr.export.frames import Pictures, film
    from kadr.export.yuv import Yuv420

    read = read_film(Path(source))
    assert read is not None, "a film on plain paper"
    pics = Pictures(read[0])
    yuv = Yuv420(pics.base)
    current, data = -1, memoryview(b"")
    for index in film(read[0]):
        if index != current:  # as export/mp4.py: a held drawing is drawn once
            current = index
            picture = pics.frame(index)
            dense = yuv.dense(pics.ink_count())
            data = yuv.picture(picture, None if dense else pics.ink_pixels())
        proc.stdin.write(data)
else:
    size = width * height * 3 // 2
    with open(source, "rb") as pictures:
        while picture := pictures.read(size):
            proc.stdin.write(picture)
proc.stdin.close()
code = proc.wait()
sys.stdout.flush()
os._exit(code)  # as kadr export ends: no interpreter teardown
