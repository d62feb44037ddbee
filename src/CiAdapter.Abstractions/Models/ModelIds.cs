namespace CiAdapter.Models;

/// <summary>Rules for model ids, which come from users and become grain keys.</summary>
public static class ModelIds
{
    /// <summary>Longer ids are refused: they are keys in storage and on every wire.</summary>
    public const int MaxLength = 255;

    public static string Compose(string groupName, string modelName) => $"{groupName}/{modelName}";

    /// <summary>Returns why <paramref name="modelId"/> cannot name a model, or null when it can.</summary>
    public static string? Validate(string? modelId)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return "model id is empty";
        }

        if (modelId.Length > MaxLength)
        {
            return $"model id is longer than {MaxLength} characters";
        }

        foreach (var c in modelId)
        {
            if (char.IsControl(c))
            {
                return "model id contains a control character";
            }
        }

        return null;
    }
}
