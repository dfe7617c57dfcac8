using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorVoice.Audio.Vad;

/// <summary>
/// Pass-through stage that runs one detector per materialisation over the frames and reports each transition to a
/// callback. The detector is created when the stage starts and disposed when it stops (Silero's tensors are native).
/// </summary>
internal sealed class VadStage : GraphStage<FlowShape<short[], short[]>>
{
    private readonly Func<IVoiceActivityDetector> _create;
    private readonly Action<VadTransition> _onTransition;

    public VadStage(Func<IVoiceActivityDetector> create, Action<VadTransition> onTransition)
    {
        _create = create;
        _onTransition = onTransition;
        Shape = new FlowShape<short[], short[]>(In, Out);
    }

    public Inlet<short[]> In { get; } = new("Vad.in");

    public Outlet<short[]> Out { get; } = new("Vad.out");

    public override FlowShape<short[], short[]> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("vad");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly VadStage _stage;
        private IVoiceActivityDetector? _detector;

        public Logic(VadStage stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart() => _detector = _stage._create();

        public override void PostStop() => (_detector as IDisposable)?.Dispose();

        public override void OnPush()
        {
            var frame = Grab(_stage.In);
            foreach (var transition in _detector!.Process(frame))
            {
                _stage._onTransition(transition);
            }

            Push(_stage.Out, frame);
        }

        public override void OnPull() => Pull(_stage.In);
    }
}
