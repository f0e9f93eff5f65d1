"""Constants of the intake (who may do what lives in ``rules.py``)."""

# The kick-off invitation goes out about two weeks after the ambitiegesprek.
KICKOFF_NA_DAGEN = 14
