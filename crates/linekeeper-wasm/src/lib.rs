//! Bindings (in progress).
