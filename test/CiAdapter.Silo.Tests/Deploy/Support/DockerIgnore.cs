using System.Text;
using System.Text.RegularExpressions;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>
/// The rules of a .dockerignore file, matched as Docker does: paths relative to the context root,
/// <c>*</c> and <c>?</c> within one path segment, <c>**</c> across segments, a leading <c>!</c>
/// re-includes, the last matching rule decides, and a rule that matches a directory matches
/// everything below it. Character classes (<c>[a-z]</c>) are not supported and are rejected.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude, string Text)> _rules;

    private DockerIgnore(List<(Regex Pattern, bool Exclude, string Text)> rules) => _rules = rules;

    /// <summary>True when some rule re-includes paths, so an ignored directory still has to be searched.</summary>
    public bool HasExceptions => _rules.Exists(r => !r.Exclude);

    public static DockerIgnore Load(string path) => Parse(File.Exists(path) ? File.ReadAllText(path) : string.Empty);

    public static DockerIgnore Parse(string text)
    {
        var rules = new List<(Regex, bool, string)>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = (exclude ? line : line[1..]).Trim().Trim('/');
            if (pattern.Length > 0)
            {
                rules.Add((ToRegex(pattern), exclude, line));
            }
        }

        return new DockerIgnore(rules);
    }

    /// <summary>Whether the file or directory at this context-relative path (separated by '/') is left out.</summary>
    public bool IsExcluded(string relativePath)
    {
        var path = relativePath.Replace('\\', '/').Trim('/');
        var excluded = false;
        foreach (var (pattern, exclude, _) in _rules)
        {
            if (MatchesItselfOrParent(pattern, path))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static bool MatchesItselfOrParent(Regex pattern, string path)
    {
        for (var end = path.Length; end > 0; end = path.LastIndexOf('/', end - 1))
        {
            if (pattern.IsMatch(path[..end]))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                        regex.Append("(.*/)?");
                    }
                    else
                    {
                        regex.Append(".*");
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '\\' when i + 1 < pattern.Length:
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '[':
                    throw new NotSupportedException($".dockerignore pattern '{pattern}': character classes are not supported by this test.");
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
