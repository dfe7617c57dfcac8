namespace ActorVoice.Retrieval.Dense;

public readonly record struct VectorMatch(int Id, float Score);
