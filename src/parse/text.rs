//! Text normalisation shared by the parsers. (In progress.)

/// Removes invisible formatting marks and folds white space to single spaces.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
