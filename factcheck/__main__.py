from factcheck.entry import main

raise SystemExit(main())
