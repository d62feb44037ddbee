namespace CiAdapter.Silo.Tests.Admin;

/// <summary>
/// The operator-surface tests run one class at a time: several start a whole service, and on two
/// cores the periods they wait on (about a second) stay honest.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OperatorSurfaceCollection : ICollectionFixture<OperatorServiceFixture>
{
    public const string Name = "operator surface";
}
