using System.Globalization;

namespace ActorVoice.Protocol.Tests.Support;

/// <summary>Builds raw JSON frames from templates with <c>&lt;0&gt;</c>, <c>&lt;1&gt;</c>… placeholders (JSON never contains '&lt;').</summary>
public static class JsonFrame
{
    public static string Fill(string template, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace($"<{i}>", Convert.ToString(values[i], CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }
}
