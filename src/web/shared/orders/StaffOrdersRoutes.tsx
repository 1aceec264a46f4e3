import { Route, Routes, useParams } from 'react-router';
import { StaffOrderDetail } from './StaffOrderDetail.js';
import { StaffOrderList } from './StaffOrderList.js';

function DetailRoute({ basePath }: { basePath: string }) {
  const { id } = useParams();
  return id ? <StaffOrderDetail id={id} basePath={basePath} /> : null;
}

/** `<basePath>` the order list, `<basePath>/:id` one order: the console's and the dealer portal's order screens. */
export function StaffOrdersRoutes({ basePath }: { basePath: string }) {
  return (
    <Routes>
      <Route index element={<StaffOrderList basePath={basePath} />} />
      <Route path=":id" element={<DetailRoute basePath={basePath} />} />
    </Routes>
  );
}
