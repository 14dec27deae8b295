/** The fields every row about one stock item carries, in the change log and in its latest state alike. */
export interface StockItem {
  stock_id: string;
  retailer_id: string;
  vrm: string;
  make: string;
  model: string;
  year: number;
  mileage: number | null;
  price_gbp: number;
}
