//! Stored state. (In progress.)
