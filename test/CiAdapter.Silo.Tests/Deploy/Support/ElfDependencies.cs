using System.Buffers.Binary;
using System.Text;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>
/// Reads the shared libraries an ELF shared object needs (its DT_NEEDED entries), as
/// <c>readelf -d</c> lists them, so a test can tell whether a native library loads on an image
/// that has nothing but glibc. 64-bit little-endian objects with section headers only.
/// </summary>
internal static class ElfDependencies
{
    /// <summary>Libraries that are part of glibc itself and so present in every glibc-based .NET image.</summary>
    public static readonly IReadOnlySet<string> GlibcLibraries = new HashSet<string>(StringComparer.Ordinal)
    {
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
    };

    private const uint DynamicSectionType = 6;
    private const long NeededTag = 1;
    private const int DynamicEntrySize = 16;

    public static IReadOnlyList<string> Needed(string path)
    {
        var elf = File.ReadAllBytes(path).AsSpan();
        if (elf.Length < 64 || !elf[..4].SequenceEqual("\u007fELF"u8))
        {
            throw new InvalidDataException($"{path} is not an ELF file.");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new NotSupportedException($"{path} is not a 64-bit little-endian ELF file.");
        }

        var sectionTable = checked((int)BinaryPrimitives.ReadInt64LittleEndian(elf[0x28..]));
        int sectionSize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        for (var i = 0; i < sectionCount; i++)
        {
            var section = elf.Slice(sectionTable + (i * sectionSize), sectionSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(section[4..]) != DynamicSectionType)
            {
                continue;
            }

            var offset = checked((int)BinaryPrimitives.ReadInt64LittleEndian(section[0x18..]));
            var size = checked((int)BinaryPrimitives.ReadInt64LittleEndian(section[0x20..]));
            var stringSection = elf.Slice(sectionTable + ((int)BinaryPrimitives.ReadUInt32LittleEndian(section[0x28..]) * sectionSize), sectionSize);
            var strings = checked((int)BinaryPrimitives.ReadInt64LittleEndian(stringSection[0x18..]));
            var needed = new List<string>();
            for (var entry = offset; entry + DynamicEntrySize <= offset + size; entry += DynamicEntrySize)
            {
                var tag = BinaryPrimitives.ReadInt64LittleEndian(elf[entry..]);
                if (tag == 0)
                {
                    break;
                }

                if (tag == NeededTag)
                {
                    var name = elf[(strings + checked((int)BinaryPrimitives.ReadInt64LittleEndian(elf[(entry + 8)..])))..];
                    needed.Add(Encoding.ASCII.GetString(name[..name.IndexOf((byte)0)]));
                }
            }

            return needed;
        }

        throw new InvalidDataException($"{path} has no dynamic section.");
    }
}
