"""Reading: a file's bytes (text, Markdown, HTML, Word, an EDGAR submission) become a `SourceText` that
keeps every character's place in the original, so fixes can be written back into it (`fixes`)."""
