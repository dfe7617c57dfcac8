using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>Typed engine settings, read once from <c>actorvoice.engine</c> (defaults: hocon/reference/engine.conf).</summary>
public sealed record EngineSettings
{
    public RealtimeSettings Realtime { get; init; } = new();

    public CaptureSettings Capture { get; init; } = new();

    public TurnSettings Turn { get; init; } = new();

    public RetrievalSettings Retrieval { get; init; } = new();

    public AnswerSettings Answer { get; init; } = new();

    public PlaybackSettings Playback { get; init; } = new();

    public SupervisionSettings Supervision { get; init; } = new();

    public KnowledgeSettings Knowledge { get; init; } = new();

    public SpeculationSettings Speculation { get; init; } = new();

    public static Akka.Configuration.Config DefaultConfig() =>
        HoconConfig.FromResource(typeof(EngineSettings).Assembly, "ActorVoice.Engine.reference.conf");

    public static EngineSettings Create(Akka.Configuration.Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var c = root.WithFallback(DefaultConfig()).GetConfig("actorvoice.engine");
        return new EngineSettings
        {
            Realtime = new RealtimeSettings
            {
                Url = c.GetString("realtime.url"),
                Model = c.GetString("realtime.model"),
                ConnectTimeout = c.GetTimeSpan("realtime.connect-timeout"),
                KeepAlive = c.GetTimeSpan("realtime.keep-alive"),
                SessionTimeout = c.GetTimeSpan("realtime.session-timeout"),
                TranscriptionModel = c.GetString("realtime.transcription-model"),
                Voice = c.GetString("realtime.voice"),
                Instructions = c.GetString("realtime.instructions"),
            },
            Capture = new CaptureSettings
            {
                Frame = c.GetTimeSpan("capture.frame"),
                Realtime = !string.Equals(c.GetString("capture.pace"), "fast", StringComparison.OrdinalIgnoreCase),
                TrailingSilence = c.GetTimeSpan("capture.trailing-silence"),
            },
            Turn = new TurnSettings
            {
                VadType = c.GetString("turn.vad-type") is "server_vad" or "semantic_vad" or "local" ? c.GetString("turn.vad-type") : throw new ArgumentException($"actorvoice.engine.turn.vad-type must be server_vad, semantic_vad or local (got '{c.GetString("turn.vad-type")}')."),
                VadEagerness = c.GetString("turn.vad-eagerness") is "low" or "medium" or "high" or "auto" ? c.GetString("turn.vad-eagerness") : throw new ArgumentException($"actorvoice.engine.turn.vad-eagerness must be low, medium, high or auto (got '{c.GetString("turn.vad-eagerness")}')."),
                VadThreshold = c.GetDouble("turn.vad-threshold"),
                VadPrefixPadding = c.GetTimeSpan("turn.vad-prefix-padding"),
                VadSilenceDuration = c.GetTimeSpan("turn.vad-silence-duration"),
                TranscriptTimeout = c.GetTimeSpan("turn.transcript-timeout"),
                ResponseTimeout = c.GetTimeSpan("turn.response-timeout"),
                TurnTimeout = c.GetTimeSpan("turn.turn-timeout"),
                NoAnswerText = c.GetString("turn.no-answer-text"),
                BargeIn = c.GetBoolean("turn.barge-in"),
                HalfDuplex = c.GetBoolean("turn.half-duplex"),
                BargeInMinSpeech = c.GetTimeSpan("turn.barge-in-min-speech"),
                Backchannels = c.GetStringList("turn.backchannels").ToList(),
                LocalVad = c.GetBoolean("turn.local-vad"),
                LocalVadThresholdDbfs = c.GetDouble("turn.local-vad-threshold-dbfs"),
                LocalRecognizer = c.GetBoolean("turn.local-recognizer"),
            },
            Retrieval = new RetrievalSettings
            {
                TopK = c.GetInt("retrieval.top-k"),
                Timeout = c.GetTimeSpan("retrieval.timeout"),
                Mode = Enum.TryParse<ActorVoice.Retrieval.SearchMode>(c.GetString("retrieval.mode"), ignoreCase: true, out var mode)
                    ? mode
                    : throw new ArgumentException($"actorvoice.engine.retrieval.mode must be bm25, dense, rrf or weighted (got '{c.GetString("retrieval.mode")}')."),
                DenseWeight = c.GetDouble("retrieval.dense-weight"),
                RrfK = c.GetInt("retrieval.rrf-k"),
                ChunkSize = c.GetInt("retrieval.chunk-size"),
                ChunkOverlap = c.GetInt("retrieval.chunk-overlap"),
                Bm25K1 = (float)c.GetDouble("retrieval.bm25-k1"),
                Bm25B = (float)c.GetDouble("retrieval.bm25-b"),
                PhoneticWeight = (float)c.GetDouble("retrieval.phonetic-weight"),
            },
            Answer = new AnswerSettings
            {
                MaxSentences = c.GetInt("answer.max-sentences"),
                MaxChars = c.GetInt("answer.max-chars"),
                Injection = Enum.TryParse<AnswerInjection>(c.GetString("answer.injection"), ignoreCase: true, out var injection)
                    ? injection
                    : throw new ArgumentException($"actorvoice.engine.answer.injection must be verbatim, passages or tool (got '{c.GetString("answer.injection")}')."),
                ContextPassages = c.GetInt("answer.context-passages"),
            },
            Playback = new PlaybackSettings
            {
                StartBuffer = c.GetTimeSpan("playback.start-buffer"),
                OutputDir = c.GetString("playback.output-dir"),
                Realtime = !string.Equals(c.GetString("playback.pace"), "fast", StringComparison.OrdinalIgnoreCase),
            },
            Supervision = new SupervisionSettings
            {
                MaxRetries = c.GetInt("supervision.max-retries"),
                Within = c.GetTimeSpan("supervision.within"),
            },
            Knowledge = new KnowledgeSettings
            {
                Source = KnowledgeSettings.ParseSource(c.GetString("knowledge.source")),
                Http = new HttpKnowledgeSettings
                {
                    Url = c.GetString("knowledge.http.url"),
                    Timeout = c.GetTimeSpan("knowledge.http.timeout"),
                    QuestionField = c.GetString("knowledge.http.question-field"),
                    AnswerField = c.GetString("knowledge.http.answer-field"),
                    SourcesField = c.GetString("knowledge.http.sources-field"),
                    SourceDocumentField = c.GetString("knowledge.http.source-document-field"),
                    SourceTextField = c.GetString("knowledge.http.source-text-field"),
                    SourceScoreField = c.GetString("knowledge.http.source-score-field"),
                    SourceHeadingField = c.GetString("knowledge.http.source-heading-field"),
                    SourceChunkField = c.GetString("knowledge.http.source-chunk-field"),
                },
            },
            Speculation = new SpeculationSettings
            {
                Enabled = c.GetBoolean("speculation.enabled"),
                Debounce = c.GetTimeSpan("speculation.debounce"),
                MinContentWords = c.GetInt("speculation.min-content-words"),
                MaxInFlight = c.GetInt("speculation.max-in-flight"),
                ReuseRule = SpeculationSettings.ParseReuseRule(c.GetString("speculation.reuse-rule")),
                CompareTopK = c.GetInt("speculation.compare-top-k"),
                Deadline = c.GetTimeSpan("speculation.deadline"),
                LastWordStable = c.GetBoolean("speculation.last-word-stable"),
            }.Validate(),
        };
    }
}
