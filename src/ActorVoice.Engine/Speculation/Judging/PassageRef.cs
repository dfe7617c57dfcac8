namespace ActorVoice.Engine.Speculation.Judging;

/// <summary>A passage as the built-in index and a knowledge result both name it: its document and chunk number.</summary>
public readonly record struct PassageRef(string Document, int Chunk);
