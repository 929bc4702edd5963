"""Sample content the project generates itself: the demo site and test fixtures."""
