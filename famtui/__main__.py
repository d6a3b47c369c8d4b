from famtui.cli import main

raise SystemExit(main())
