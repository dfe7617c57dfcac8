namespace ActorVoice.Engine.Turns;

/// <summary>A retrieved chunk cited by a turn: the document's file name, chunk number and score.</summary>
public sealed record TurnSource(string Document, int Chunk, double Score, string Heading);
