using System.Globalization;

namespace CiAdapter.Silo.Configuration;

/// <summary>
/// Parses durations in Go's <c>time.ParseDuration</c> syntax, as the seed's ConfigMap writes them:
/// a sequence of decimal numbers with units <c>ns</c>, <c>us</c> (or <c>µs</c>), <c>ms</c>, <c>s</c>,
/// <c>m</c>, <c>h</c> — e.g. <c>10m</c>, <c>1h30m</c>, <c>2s</c>, <c>500ms</c>, <c>1.5h</c>.
/// </summary>
public static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().AsSpan();
        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        decimal totalTicks = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0
                || !decimal.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            s = s[numberLength..];
            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            if (!TryTicksPerUnit(s[..unitLength], out var ticksPerUnit))
            {
                return false;
            }

            s = s[unitLength..];
            totalTicks += number * ticksPerUnit;
            if (totalTicks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }

        value = TimeSpan.FromTicks((long)decimal.Round(totalTicks) * (negative ? -1 : 1));
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a Go duration such as 10m, 1h30m or 500ms.");

    /// <summary>Formats like Go's <c>Duration.String</c> for whole units: <c>1h30m0s</c> becomes <c>1h30m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>(4);
        if (value < TimeSpan.Zero)
        {
            parts.Add("-");
            value = value.Negate();
        }

        if ((int)value.TotalHours > 0)
        {
            parts.Add(((int)value.TotalHours).ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (value.Minutes > 0)
        {
            parts.Add(value.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (value.Seconds > 0)
        {
            parts.Add(value.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        if (value.Milliseconds > 0)
        {
            parts.Add(value.Milliseconds.ToString(CultureInfo.InvariantCulture) + "ms");
        }

        return string.Concat(parts);
    }

    private static bool TryTicksPerUnit(ReadOnlySpan<char> unit, out decimal ticksPerUnit)
    {
        // A tick is 100 ns; nanoseconds are accepted as Go does and rounded.
        ticksPerUnit = unit switch
        {
            "ns" => 0.01m,
            "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => 0,
        };
        return ticksPerUnit > 0;
    }
}
