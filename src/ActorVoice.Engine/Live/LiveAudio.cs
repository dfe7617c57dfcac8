using Akka;
using Akka.Streams.Dsl;

namespace ActorVoice.Engine.Live;

/// <summary>
/// A live microphone and speaker for one session: frames flow for the session's whole life and turns start from the
/// VAD (no <c>RunTurn</c>). <paramref name="Microphone"/> yields mono PCM16 frames at <c>WireAudio.SampleRate</c>
/// (24 kHz), any length, in real time; it is materialised once, when the session is configured, and its end ends the
/// session's capture. <paramref name="Speaker"/> receives the audio of every answer accepted for playback.
/// </summary>
public sealed record LiveAudio(Source<short[], NotUsed> Microphone, IAudioOutput Speaker);
