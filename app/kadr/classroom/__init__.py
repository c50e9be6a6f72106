"""Learners and classrooms, offline: profiles, the teacher's PIN and locks, the classroom
file, films on network shares, and collecting work. No widgets (the UI builds on these).

Modules (docs/classroom.md has the whole picture):

- ``learners``: ``LearnerStore`` (add, rename, remove and restore learners), ``needs_chooser``
- ``avatars``: the fixed set of avatar pictures
- ``migration``: an install from before learners becomes the first learner
- ``pin``: the teacher's PIN as a salted scrypt hash; ``teacher``: ``enter_teacher_mode``
- ``classroom_file``: ``load_classroom`` reads ``kadr-classroom.toml``; ``places`` says where
- ``effective``: ``effective_settings`` and the locks
- ``network_share``: is a folder on a network share; ``share_copy``: local working copies
- ``portfolio``, ``overview``, ``journey_plot``, ``starter``: collecting and showing work
"""
