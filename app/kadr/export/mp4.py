"""H.264 MP4 through the ffmpeg that ships inside imageio-ffmpeg (no system ffmpeg needed).

Made to play everywhere (Windows Films & TV, QuickTime, browsers): libx264, yuv420p,
even width and height (padded with paper, never scaled: scaling blurs drawings), constant
frame rate with holds written as repeated frames, and the index (moov) at the front.
Frames go to ffmpeg through a pipe; ffmpeg's own text goes to a file for the debug log.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kadr.export import errors
from kadr.export.frames import Film, Pictures, as_film, film, output_size
from kadr.export.options import ExportOptions, Steps
from kadr.export.yuv import Yuv420
from kadr.i18n import language

if TYPE_CHECKING:
    from kadr.core.project import Project

BIG_PICTURE = 1280 * 720  # pixels from which speed and memory matter more than file size
# ISO 639-2 codes for the subtitle track, so players label it with the right language
SUBTITLE_LANG = {"en": "eng", "ru": "rus", "kk": "kaz", "ko": "kor", "ja": "jpn"}


def ffmpeg_exe(options: ExportOptions) -> str:
    """The ffmpeg to run: the option, env KADR_FFMPEG, else imageio-ffmpeg's bundled one."""
    exe = options.ffmpeg_exe or os.environ.get("KADR_FFMPEG")
    if exe:
        if not os.path.isfile(exe):
            raise errors.ffmpeg_missing()
        return exe
    shipped = shipped_ffmpeg()
    if shipped is not None:
        return shipped
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError, OSError):
        raise errors.ffmpeg_missing() from None


def shipped_ffmpeg() -> str | None:
    """The ffmpeg inside imageio-ffmpeg's package, found without running it (its own
    lookup runs ``ffmpeg -version`` first: a twelfth of a short export). If it cannot run,
    starting it fails and says so; --self-check runs it."""
    import importlib.util

    spec = importlib.util.find_spec("imageio_ffmpeg")  # found, not imported (15 ms)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "binaries"
    # the folder holds the one program (ffmpeg-linux-x86_64-v7.1, ffmpeg-win-x86_64-v7.1.exe)
    found = sorted(p for p in folder.glob("ffmpeg-*") if p.is_file())
    return str(found[-1]) if found else None


def _srt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def subtitle_text(description: str, seconds: float) -> str:
    """One cue showing the learner's description for the whole film."""
    lines = [line.strip() for line in description.strip().splitlines() if line.strip()]
    return f"1\n{_srt_time(0)} --> {_srt_time(seconds)}\n" + "\n".join(lines) + "\n"


def command(exe: str, size: tuple[int, int], fps: int, out: Path,
            subtitles: Path | None, pix_fmt: str = "bgra",
            pad: tuple[int, int, str] | None = None) -> list[str]:
    """ffmpeg reading raw ``pix_fmt`` frames of ``size`` from its input; ``pad`` = (width,
    height, colour) grows the picture right and bottom with paper (never scales it)."""
    cmd = [exe, "-hide_banner", "-loglevel", "error", "-y",
           "-f", "rawvideo", "-pix_fmt", pix_fmt, "-s", f"{size[0]}x{size[1]}",
           "-framerate", str(fps), "-i", "pipe:0"]
    if pad is not None:
        cmd += ["-vf", f"pad={pad[0]}:{pad[1]}:0:0:color=0x{pad[2].lstrip('#')}"]
    if subtitles is not None:
        cmd += ["-f", "srt", "-i", str(subtitles), "-map", "0:v", "-map", "1:s",
                "-c:s", "mov_text", "-metadata:s:s:0",
                f"language={SUBTITLE_LANG.get(language(), 'und')}"]
    # crf 18 keeps lines crisp; veryfast (and no -tune animation) is ~2x quicker to make.
    # From 720p up, ultrafast: 2x quicker again and x264 needs half the memory (600 x
    # 1080p: ~220 MB instead of ~440 MB); the file is ~5x bigger at the same quality
    # setting (7.6 MB instead of 1.6 MB for 25 s of 1080p drawings)
    preset = "ultrafast" if size[0] * size[1] >= BIG_PICTURE else "veryfast"
    # the colour numbers are BT.601's, limited range (export/yuv.py makes them so, and so
    # does ffmpeg from BGRA): saying so keeps players from guessing BT.709 for HD films
    cmd += ["-c:v", "libx264", "-preset", preset, "-crf", "18",
            "-pix_fmt", "yuv420p", "-colorspace", "smpte170m", "-color_range", "tv",
            "-movflags", "+faststart", "-f", "mp4", str(out)]
    return cmd


def export_mp4(project: Project | Film, path: Path, options: ExportOptions,
               steps: Steps) -> None:
    exe = ffmpeg_exe(options)
    source = as_film(project)
    order = film(source) * options.repeat
    steps.start(len(order))
    fps = source.fps
    w, h = output_size(source, options.scale)
    # odd sizes: ffmpeg adds a row or column of paper (libx264 needs even sizes)
    pad = (w + w % 2, h + h % 2, source.paper) if w % 2 or h % 2 else None
    # at 100 % and an even size, pictures go as YUV 4:2:0, converted where there is ink
    # (export/yuv.py); else the premultiplied pixels go as they are (opaque: premultiplied
    # = straight) and ffmpeg converts them all
    as_yuv = options.scale == 1.0 and pad is None
    pix_fmt = "yuv420p" if as_yuv else "bgra" if sys.byteorder == "little" else "argb"
    srt = None
    if options.description.strip():
        srt = path.with_name(path.name + ".srt")  # beside the temp file; removed below
        srt.write_text(subtitle_text(options.description, len(order) / fps), encoding="utf-8")
    log = tempfile.TemporaryFile()
    try:
        try:  # ffmpeg first: it starts up while the first picture is made
            proc = subprocess.Popen(command(exe, (w, h), fps, path, srt, pix_fmt, pad),
                                    stdin=subprocess.PIPE,
                                    stdout=subprocess.DEVNULL, stderr=log,
                                    creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError:
            raise errors.ffmpeg_missing() from None
        assert proc.stdin is not None
        try:
            pics = Pictures(source, options.scale, transparent=False, seen=steps.seen)
            yuv = Yuv420(pics.base) if as_yuv else None
            current, data = -1, memoryview(b"")
            for index in order:
                if index != current:  # a held drawing is rendered once, written hold times
                    current = index
                    picture = pics.frame(index)
                    if yuv is None:
                        data = picture.data.cast("B")
                    elif yuv.dense(pics.ink_count()):  # a painted background, say
                        data = yuv.picture(picture, None)
                    else:
                        data = yuv.picture(picture, pics.ink_pixels())
                proc.stdin.write(data)
                steps.tick()
            proc.stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass  # ffmpeg stopped early; its exit code and text tell why below
        except BaseException:
            proc.kill()  # cancelled or crashed: stop ffmpeg, the runner deletes the file
            proc.wait()
            raise
        code = proc.wait()
        if code != 0 or steps.done < steps.total:
            log.seek(0)
            raise errors.ffmpeg_failed(log.read().decode("utf-8", "replace"), code)
    finally:
        log.close()
        if srt is not None:
            srt.unlink(missing_ok=True)
