"""Where the math meets models: losses, softmax, neurons, attention."""
