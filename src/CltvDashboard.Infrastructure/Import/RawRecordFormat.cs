using System.Text;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// How a file's row (or header) is kept with a rejected row: its fields as one comma-separated line, quoted as
/// RFC 4180 quotes, whatever the file's own delimiter. Bounded, so that a hostile file cannot bloat the store:
/// each field keeps at most <see cref="MaxFieldLength"/> characters and fields after
/// <see cref="MaxRecordLength"/> characters are dropped.
/// </summary>
internal static class RawRecordFormat
{
    public const int MaxFieldLength = 1_000;
    public const int MaxRecordLength = 4_000;

    /// <summary>Writes fields into one bounded line; <paramref name="field"/> returns the i-th field.</summary>
    public static string Encode<TState>(int count, TState state, FieldAccessor<TState> field)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count && text.Length < MaxRecordLength; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var value = field(state, i);
            if (value.Length > MaxFieldLength)
            {
                value = value[..MaxFieldLength];
            }

            if (value.IndexOfAny(",\"\r\n") < 0)
            {
                text.Append(value);
                continue;
            }

            text.Append('"');
            foreach (var c in value)
            {
                text.Append(c);
                if (c == '"')
                {
                    text.Append(c);
                }
            }

            text.Append('"');
        }

        return text.ToString();
    }

    /// <summary>The fields of a line written by <see cref="Encode"/>.</summary>
    public static List<string> Decode(string record)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < record.Length && record[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Returns the field at an index as a span over the caller's buffer.</summary>
    public delegate ReadOnlySpan<char> FieldAccessor<in TState>(TState state, int index);
}
