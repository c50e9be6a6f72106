from kadr.cli import main

raise SystemExit(main())
