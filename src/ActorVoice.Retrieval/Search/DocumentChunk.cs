namespace ActorVoice.Retrieval.Search;

/// <summary>
/// A piece of a source document small enough to quote. <see cref="Document"/> is the file name
/// relative to the indexed folder; offsets are character positions in that file.
/// </summary>
public sealed record DocumentChunk(
    string Document,
    int ChunkIndex,
    string HeadingPath,
    string Text,
    int StartOffset,
    int EndOffset);
