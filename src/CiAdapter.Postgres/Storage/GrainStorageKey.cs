namespace CiAdapter.Postgres.Storage;

/// <summary>
/// Maps a grain id to the id under which Orleans' ADO.NET grain storage keeps its state.
/// </summary>
/// <remarks>
/// The ADO.NET provider (10.4) does not store the grain id as it is. It stores the state name,
/// not the grain type, and it first tries to read the key as an integer or a GUID: a key that
/// parses as hexadecimal, such as "0abc", "ABC" or "abc", becomes the same number, and a '+'
/// splits off a "key extension" ("a+b" becomes the number 10 plus "b"). Model ids come from
/// users, so any of that can happen.
/// <para>
/// The mapped key is "v1:" + grain type + "/" + original key. It starts with 'v', which is not a
/// hexadecimal digit, so the provider can never read it as an integer or a GUID and always stores
/// the whole text. Including the grain type keeps two grain types that use the same state name
/// apart. Inside the grain type '%' and '/' are escaped, so the first '/' always ends the type
/// and the mapping is injective; the original key is copied byte for byte. A DBA sees, e.g.,
/// "v1:model/ai-group/llama-7b" in orleans_grain_state.grain_key.
/// </para>
/// </remarks>
internal static class GrainStorageKey
{
    /// <summary>Names the layout; a different layout would need a new prefix and a migration.</summary>
    private static ReadOnlySpan<byte> Prefix => "v1:"u8;

    private const byte Separator = (byte)'/';

    private const byte Escape = (byte)'%';

    /// <summary>The grain id to hand to the ADO.NET provider instead of <paramref name="grainId"/>.</summary>
    public static GrainId For(GrainId grainId) => GrainId.Create(grainId.Type, new IdSpan(Encode(grainId)));

    /// <summary>The text the provider stores as the grain key (orleans_grain_state.grain_key).</summary>
    public static string Format(GrainId grainId) => For(grainId).Key.ToString();

    private static byte[] Encode(GrainId grainId)
    {
        var type = grainId.Type.AsSpan();
        var key = grainId.Key.AsSpan();

        var escapes = 0;
        foreach (var b in type)
        {
            if (b is Escape or Separator)
            {
                escapes++;
            }
        }

        // UTF-8 never uses the bytes of '%' or '/' inside a multi-byte character, so escaping
        // byte by byte keeps the text valid.
        var encoded = new byte[Prefix.Length + type.Length + (2 * escapes) + 1 + key.Length];
        Prefix.CopyTo(encoded);
        var position = Prefix.Length;
        foreach (var b in type)
        {
            if (b is Escape or Separator)
            {
                encoded[position++] = Escape;
                encoded[position++] = Hex(b >> 4);
                encoded[position++] = Hex(b & 0xF);
            }
            else
            {
                encoded[position++] = b;
            }
        }

        encoded[position++] = Separator;
        key.CopyTo(encoded.AsSpan(position));
        return encoded;
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
