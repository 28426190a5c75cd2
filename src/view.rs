//! View models. (In progress.)
