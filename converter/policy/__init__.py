"""What the converter allows itself: the resource policy (what it may read), the limits (what it may cost)
and strict mode (warnings as errors)."""
