from mhdesk.cli import main

raise SystemExit(main())
