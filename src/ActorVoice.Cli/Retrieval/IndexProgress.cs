using System.Globalization;
using ActorVoice.Retrieval.Indexing;

namespace ActorVoice.Cli.Retrieval;

/// <summary>
/// Shows an index build's progress: on a terminal a one-line bar redrawn in place with '\r'; in a file or a pipe
/// plain lines (one per stage and every 10 %), so that logs do not fill with bar frames. Called on the building thread.
/// </summary>
internal abstract class IndexProgress : IProgress<IndexBuildProgress>
{
    public static IndexProgress For(TextWriter writer, bool isTerminal) => isTerminal ? new Bar(writer) : new Lines(writer);

    public abstract void Report(IndexBuildProgress value);

    /// <summary>Ends the output (the bar's line).</summary>
    public virtual void Finish()
    {
    }

    protected static double Fraction(IndexBuildProgress value) => value.Total == 0 ? 1.0 : Math.Clamp((double)value.Done / value.Total, 0, 1);

    private sealed class Bar(TextWriter writer) : IndexProgress
    {
        private const int Width = 30;
        private string _lastLine = string.Empty;

        public override void Report(IndexBuildProgress value)
        {
            var fraction = Fraction(value);
            var filled = (int)Math.Round(fraction * Width);
            var current = value.Current is null ? string.Empty : " " + Shorten(value.Current, 40);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {fraction,4:P0} {value.Stage,-7} {value.Done}/{value.Total}{current}");
            if (line != _lastLine)
            {
                writer.Write(line.PadRight(_lastLine.Length));
                _lastLine = line;
            }
        }

        public override void Finish()
        {
            if (_lastLine.Length > 0)
            {
                writer.WriteLine();
            }
        }

        private static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];
    }

    private sealed class Lines(TextWriter writer) : IndexProgress
    {
        private const int StepPercent = 10;
        private string? _stage;
        private int _lastStep = -1;

        public override void Report(IndexBuildProgress value)
        {
            var step = (int)(Fraction(value) * 100) / StepPercent;
            if (value.Stage == _stage && step == _lastStep)
            {
                return;
            }

            _stage = value.Stage;
            _lastStep = step;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Stage} {step * StepPercent}% ({value.Done}/{value.Total})"));
        }
    }
}
