"""What the converter allows itself: the resource policy (what it may read), the limits (what it may cost),
strict mode (warnings as errors) and the bidi controls text may keep."""
