using System.Globalization;
using ActorVoice.Lab.Reporting;
using ActorVoice.Lab.Timeline;
using Xunit;

namespace ActorVoice.Lab.Tests.Reporting;

public sealed class LabCsvWriterTests
{
    private static readonly LabTurn Turn = new()
    {
        Strategy = "speculative",
        Turn = 3,
        QuestionId = "q,07",
        SpeechStartMs = -2500.25,
        SpeechEndLocalMs = 300,
        SpeechEndServiceMs = 500,
        CommitMs = 500,
        PartialsMs = [-2200, -1900.5],
        FinalTranscriptMs = 1000,
        Jobs = [new LabJob("a b c", -1800, -300, null, Used: true, Speculative: true), new LabJob("a b c d", -1500, null, 1000, Used: false, Speculative: true)],
        AnswerReadyMs = -300,
        ResponseCreateMs = 1000,
        FirstAudioMs = 1500,
        AnswerAudioMs = 1500,
        PlaybackStartMs = 1500,
        PlaybackEndMs = 5500,
        BargeInMs = 2500,
        Hit = true,
        Agreement = true,
    };

    [Fact]
    public void A_row_has_every_column_in_order_with_invariant_numbers_and_escaped_text()
    {
        var previous = CultureInfo.CurrentCulture;
        // A culture with a decimal comma and another minus sign (the tests run with invariant globalization).
        var unusual = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        unusual.NumberFormat.NumberDecimalSeparator = ",";
        unusual.NumberFormat.NegativeSign = "\u2212";
        CultureInfo.CurrentCulture = unusual;
        try
        {
            var csv = LabCsvWriter.ToCsv([Turn]);

            Assert.Equal(
                string.Join(',', LabCsvWriter.Columns) + "\n" +
                "speculative,3,\"q,07\",-2500.3,300,500,500,-2200;-1900.5,1000,-1800/-300//S+;-1500//1000/S-,-300,1000,1500,1500,,1500,5500,2500,,,1,1,1,1500,0\n",
                csv);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Negative_zero_is_written_as_zero()
    {
        Assert.Equal("0", LabCsvWriter.Ms(-0.0));
        Assert.Equal("0", LabCsvWriter.Ms(-0.04));
        Assert.Equal(string.Empty, LabCsvWriter.Ms(null));
    }
}
