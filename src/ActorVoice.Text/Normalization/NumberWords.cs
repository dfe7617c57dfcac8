using System.Globalization;
using System.Text;

namespace ActorVoice.Text.Normalization;

/// <summary>Spells numbers the way people say them ("25" → "twenty five", "2.4" → "two point four").</summary>
public static class NumberWords
{
    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>Words for a string of digits with an optional decimal part; null if it is not such a number.</summary>
    public static string? Spell(string number)
    {
        var parts = number.Replace(",", "", StringComparison.Ordinal).Split('.');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var whole) || whole >= 1_000_000_000)
        {
            // Long digit strings (phone, serial numbers) are read digit by digit.
            return string.Join(' ', parts[0].Select(d => Small[d - '0']));
        }

        var builder = new StringBuilder(Cardinal(whole));
        if (parts.Length == 2)
        {
            builder.Append(" point");
            foreach (var digit in parts[1])
            {
                builder.Append(' ').Append(Small[digit - '0']);
            }
        }

        return builder.ToString();
    }

    public static string Cardinal(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value < 20)
        {
            return Small[value];
        }

        if (value < 100)
        {
            return value % 10 == 0 ? Tens[value / 10] : $"{Tens[value / 10]} {Small[value % 10]}";
        }

        if (value < 1000)
        {
            return Join($"{Small[value / 100]} hundred", value % 100);
        }

        if (value < 1_000_000)
        {
            return Join($"{Cardinal(value / 1000)} thousand", value % 1000);
        }

        return Join($"{Cardinal(value / 1_000_000)} million", value % 1_000_000);
    }

    private static string Join(string head, long rest) => rest == 0 ? head : $"{head} {Cardinal(rest)}";
}
