using Akka.Event;
using Akka.Streams;
using Akka.Streams.Stage;
using ActorVoice.Audio.Vad;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.Speech.Streaming;

/// <summary>
/// The stage behind <see cref="RecognitionFlows.ShadowRecognizer"/>. A custom stage rather than a stateful map so that
/// <see cref="GraphStageLogic.PostStop"/> can hand a rented decoder back however the stream ends. Each utterance is
/// decoded through an <see cref="UtteranceDecoder"/>, as the local server's transcription is.
/// </summary>
internal sealed class ShadowRecognizerStage : GraphStage<FlowShape<short[], short[]>>
{
    // Audio kept from before the detector fires: its speech start lies up to prefix padding + min speech earlier.
    private const int RingMarginMs = 60;

    private readonly int _sampleRate;
    private readonly VadParameters _vad;
    private readonly IRecognizerPool _pool;
    private readonly Action<LocalRecognitionEvent> _onEvent;
    private readonly Inlet<short[]> _in = new("ShadowRecognizer.in");
    private readonly Outlet<short[]> _out = new("ShadowRecognizer.out");

    public ShadowRecognizerStage(int sampleRate, VadParameters vad, IRecognizerPool pool, Action<LocalRecognitionEvent> onEvent)
    {
        _sampleRate = sampleRate;
        _vad = vad;
        _pool = pool;
        _onEvent = onEvent;
        Shape = new FlowShape<short[], short[]>(_in, _out);
    }

    public override FlowShape<short[], short[]> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("shadowRecognizer");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly ShadowRecognizerStage _stage;
        private readonly EnergyVad _detector;
        private readonly Queue<(long StartSample, short[] Frame)> _recent = new();
        private readonly long _retainSamples;
        private long _totalSamples;
        private UtteranceDecoder? _utterance;
        private string _lastPartial = "";
        private bool _toldPoolExhausted;

        public Logic(ShadowRecognizerStage stage)
            : base(stage.Shape)
        {
            _stage = stage;
            _detector = new EnergyVad(stage._sampleRate, stage._vad);
            _retainSamples = (long)(stage._vad.PrefixPaddingMs + stage._vad.MinSpeechMs + RingMarginMs) * stage._sampleRate / 1000;
            SetHandler(stage._in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage._out, onPull: () => Pull(stage._in));
        }

        public override void PostStop()
        {
            // Cancelled or failed mid-utterance: nobody waits for a final any more, but the decoder must go back.
            _utterance?.Dispose();
            _utterance = null;
            base.PostStop();
        }

        private void OnPush()
        {
            var frame = Grab(_stage._in);
            Shadow(frame);
            Push(_stage._out, frame);
        }

        private void OnUpstreamFinish()
        {
            if (_utterance is not null)
            {
                FinishUtterance(_totalSamples * 1000 / _stage._sampleRate);
            }

            CompleteStage();
        }

        private void Shadow(short[] frame)
        {
            var frameStart = _totalSamples;
            _totalSamples += frame.Length;
            Remember(frameStart, frame);

            var fed = false;
            foreach (var transition in _detector.Process(frame))
            {
                if (transition.Kind == VadTransitionKind.SpeechStarted)
                {
                    StartUtterance(transition.AudioMs);
                    fed = true;
                }
                else if (_utterance is not null)
                {
                    if (!fed)
                    {
                        Feed(frame);
                        fed = true;
                    }

                    FinishUtterance(transition.AudioMs);
                }
            }

            if (_utterance is not null && !fed)
            {
                Feed(frame);
            }
        }

        private void Remember(long frameStart, short[] frame)
        {
            _recent.Enqueue((frameStart, frame));
            while (_recent.Count > 1)
            {
                var (start, oldest) = _recent.Peek();
                if (start + oldest.Length >= _totalSamples - _retainSamples)
                {
                    break;
                }

                _recent.Dequeue();
            }
        }

        private void StartUtterance(long speechStartMs)
        {
            if (_utterance is not null)
            {
                FinishUtterance(speechStartMs);
            }

            if (!UtteranceDecoder.TryStart(_stage._pool, _stage._sampleRate, out var utterance))
            {
                // Never wait for a decoder: this utterance goes without local recognition.
                if (!_toldPoolExhausted)
                {
                    _toldPoolExhausted = true;
                    Log.Warning("No free local decoder: utterances are skipped by the shadow recognizer while the pool is exhausted (logged once)");
                }

                return;
            }

            _utterance = utterance;
            _lastPartial = "";

            // Decode from the speech start (prefix padding included), which lies in frames already seen.
            var startSample = speechStartMs * _stage._sampleRate / 1000;
            foreach (var (frameStart, frame) in _recent)
            {
                var offset = (int)Math.Clamp(startSample - frameStart, 0, frame.Length);
                if (offset < frame.Length)
                {
                    Feed(frame.AsSpan(offset));
                }
            }
        }

        private void Feed(ReadOnlySpan<short> samples)
        {
            var text = _utterance!.Feed(samples);
            if (!string.IsNullOrEmpty(text) && !string.Equals(text, _lastPartial, StringComparison.Ordinal))
            {
                _lastPartial = text;
                _stage._onEvent(new LocalRecognitionEvent(LocalRecognitionEventKind.Partial, text, _totalSamples * 1000 / _stage._sampleRate));
            }
        }

        private void FinishUtterance(long audioMs)
        {
            var utterance = _utterance!;
            _utterance = null;
            var text = utterance.End();
            _stage._onEvent(new LocalRecognitionEvent(LocalRecognitionEventKind.Final, text, audioMs));
        }
    }
}
