using ActorVoice.Engine.Configuration;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Realtime.Protocol.Tools;

namespace ActorVoice.Engine.Sessions;

/// <summary>
/// The <c>session.update</c> a session opens with: server VAD (or semantic VAD, or none with local turns) with
/// <c>create_response: false</c>, so that ActorVoice decides when the assistant answers and when it stops.
/// </summary>
public static class SessionConfiguration
{
    public static SessionUpdate Build(EngineSettings settings)
    {
        var realtime = settings.Realtime;
        var turn = settings.Turn;
        return new SessionUpdate(new SessionConfig
        {
            Type = "realtime",
            Model = realtime.IsEmbedded ? null : realtime.Model,
            Instructions = string.IsNullOrWhiteSpace(realtime.Instructions) ? null : realtime.Instructions,
            OutputModalities = ["audio"],
            Tools = settings.Answer.Injection == AnswerInjection.Tool ? KnowledgeTool.ToolsJson : null,
            ToolChoice = settings.Answer.Injection == AnswerInjection.Tool ? System.Text.Json.JsonDocument.Parse("\"auto\"").RootElement.Clone() : null,
            Audio = new AudioConfig
            {
                Input = new AudioInputConfig
                {
                    Format = AudioFormat.Pcm24k,
                    Transcription = new TranscriptionConfig { Model = realtime.TranscriptionModel, Language = "en" },
                    // ActorVoice decides when the assistant answers and when it stops (barge-in guards), for both VAD types.
                    TurnDetection = turn.LocalTurns ? TurnDetection.Disabled : turn.VadType == TurnDetection.SemanticVad
                        ? new TurnDetection(TurnDetection.SemanticVad)
                        {
                            Eagerness = turn.VadEagerness,
                            CreateResponse = false,
                            InterruptResponse = false,
                        }
                        : new TurnDetection(TurnDetection.ServerVad)
                        {
                            Threshold = turn.VadThreshold,
                            PrefixPaddingMs = (int)turn.VadPrefixPadding.TotalMilliseconds,
                            SilenceDurationMs = (int)turn.VadSilenceDuration.TotalMilliseconds,
                            CreateResponse = false,
                            InterruptResponse = false,
                        },
                },
                Output = new AudioOutputConfig { Format = AudioFormat.Pcm24k, Voice = realtime.Voice },
            },
        });
    }
}
