using ActorVoice.LocalServer.Answering;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Synthesis;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// The offline engines a server session uses: shared, thread-safe, owned by the server. <see cref="Answerer"/> speaks
/// for user turns no client injected text for (null: the server has no answer of its own).
/// </summary>
public sealed record SpeechServices(IRecognizerPool Recognizers, ISpeechSynthesizer Synthesizer, IOfflineAnswerer? Answerer = null);
