using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Synthesis;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>The offline speech engines a server session uses: shared, thread-safe, owned by the server.</summary>
public sealed record SpeechServices(IRecognizerPool Recognizers, ISpeechSynthesizer Synthesizer);
