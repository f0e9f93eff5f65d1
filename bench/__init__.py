"""City-scale benchmark: data generator, Locust scenarios, runner and report (see README.md)."""
