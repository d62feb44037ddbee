namespace CiAdapter.Models;

/// <summary>The two kinds of certification events the community publishes.</summary>
[GenerateSerializer]
public enum ModelEventType
{
    /// <summary><c>initiate_certification</c>: start a new certification round.</summary>
    Initiate = 0,

    /// <summary><c>delete_certification</c>: forget the model.</summary>
    Delete = 1,
}
