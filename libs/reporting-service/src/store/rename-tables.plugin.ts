import {
  OperationNodeTransformer,
  TableNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

class RenameTablesTransformer extends OperationNodeTransformer {
  constructor(private readonly names: ReadonlyMap<string, string>) {
    super();
  }

  protected override transformTable(node: TableNode, queryId?: QueryId): TableNode {
    const table = super.transformTable(node, queryId);
    const renamed = this.names.get(table.table.identifier.name);
    return renamed !== undefined && table.table.schema === undefined ? TableNode.create(renamed) : table;
  }
}

/**
 * Points every query of a Kysely instance at other tables of the same shape: a rebuild runs the
 * very projection code the live service runs, only into its fresh tables, and stays typed.
 */
export class RenameTablesPlugin implements KyselyPlugin {
  private readonly transformer: RenameTablesTransformer;

  constructor(names: ReadonlyMap<string, string>) {
    this.transformer = new RenameTablesTransformer(names);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
