from famtui.entry import main

raise SystemExit(main())
