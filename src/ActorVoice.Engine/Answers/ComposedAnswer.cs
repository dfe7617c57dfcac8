namespace ActorVoice.Engine.Answers;

/// <summary>The spoken answer and the document it quotes.</summary>
public sealed record ComposedAnswer(string Text, string Document, string SourceName);
