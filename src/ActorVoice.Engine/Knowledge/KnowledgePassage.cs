namespace ActorVoice.Engine.Knowledge;

/// <summary>
/// One passage a knowledge source based its answer on: the document it comes from, the chunk number in that
/// document, the heading path above it, its text and its score (higher is better; 0 when the source gives none).
/// </summary>
public sealed record KnowledgePassage(string Document, int Chunk, string Heading, string Text, double Score);
